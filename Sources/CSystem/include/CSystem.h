#ifndef CSYSTEM_H
#define CSYSTEM_H
/* What Glibc's Swift overlay does not expose. Never redeclare epoll_event in Swift: it is packed.
   Headers that Glibc's module already covers (sys/socket.h, netinet/in.h, ...) are not included here:
   a second textual copy would make this module own sockaddr_in & co. for every file that sees both. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

/* accept4 is declared by glibc only under _GNU_SOURCE, which Glibc's module is built without: declared
   here with the same ABI (the address arguments are unused by us and passed as NULL). */
struct sockaddr;
extern int accept4(int fd, struct sockaddr *address, unsigned int *length, int flags);

static inline int csystem_accept4(int fd, int flags) {
    return accept4(fd, (struct sockaddr *)0, (unsigned int *)0, flags);
}

/* malloc.h is outside Glibc's module: the one call we need from it, with glibc's signature. */
extern int malloc_trim(unsigned long pad);

/* Reads epoll_event fields by pointer, so Swift never depends on the packed layout. */
static inline uint64_t csystem_epoll_event_data(const struct epoll_event *events, int index) {
    return events[index].data.u64;
}
static inline uint32_t csystem_epoll_event_flags(const struct epoll_event *events, int index) {
    return events[index].events;
}
#endif
