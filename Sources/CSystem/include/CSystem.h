#ifndef CSYSTEM_H
#define CSYSTEM_H
/* What Glibc's Swift overlay does not expose. Never redeclare epoll_event in Swift: it is packed. */
#define _GNU_SOURCE 1
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#endif
