#ifndef CSYSTEM_H
#define CSYSTEM_H
/* What Glibc's Swift overlay does not expose. Never redeclare epoll_event in Swift: it is packed. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

/* accept4 is declared by glibc only under _GNU_SOURCE, which would make this module's system headers differ
   from Glibc's module: declare the one function instead. */
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

static inline int csystem_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

/* Reads epoll_event fields by pointer, so Swift never depends on the packed layout. */
static inline uint64_t csystem_epoll_event_data(const struct epoll_event *events, int index) {
    return events[index].data.u64;
}
static inline uint32_t csystem_epoll_event_flags(const struct epoll_event *events, int index) {
    return events[index].events;
}
#endif
