// SPDX-License-Identifier: MIT
/* mapsnap.c — a preload library that records the program's memory map over its whole
 * life, so a lackey trace comes with every region the program could touch, not just
 * the ones still mapped at exit (pymalloc arenas and malloc's big blocks are unmapped
 * before exit; their accesses would replay as segmentation faults).
 *
 * With $VMMU_MAPS_DIR set, each process valgrind runs appends snapshots of
 * /proc/self/maps to $VMMU_MAPS_DIR/PID.snap, each after a "#snap WHY" line: at start,
 * after fork, before and after every mmap/munmap/mremap/mprotect/brk/sbrk made through
 * libc's wrappers, and at exit.  build/mapunion merges them afterwards, outside valgrind.
 *
 * Under valgrind this library's instructions are traced too, so a snapshot does no
 * parsing: the kernel copies the maps file into a static buffer and out again, a few
 * hundred guest instructions per snapshot.  Nothing here calls malloc, so an allocator
 * that calls mmap cannot recurse into itself.
 *
 * What it cannot see: mappings the C library makes and removes internally (ld.so's,
 * malloc's own mmap/munmap/brk) between two snapshots.  docs/real-programs.md says so. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <valgrind/valgrind.h>

static char dir[4096];          /* $VMMU_MAPS_DIR, copied at start; empty: do nothing */
static int out_fd = -1;         /* PID.snap of out_pid, opened on the first snapshot */
static pid_t out_pid;
static char buf[65536];         /* guarded by lock */
static atomic_flag lock = ATOMIC_FLAG_INIT;
static __thread int in_snap __attribute__((tls_model("initial-exec")));

static void put(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

static void lock_take(void)
{
    while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
        sched_yield();
}

static void lock_give(void) { atomic_flag_clear_explicit(&lock, memory_order_release); }

/* Appends s to buf at *at (no snprintf: its instructions would be traced too). */
static void add(size_t *at, const char *s)
{
    while (*s && *at < sizeof buf - 1)
        buf[(*at)++] = *s++;
}

/* The caller holds the lock.  A new pid (a fork) or a new image (an exec: the statics
 * start over) starts its file afresh, so PID.snap always describes the pid's last
 * program, the one whose lackey log valgrind also started afresh. */
static void snap_locked(const char *why)
{
    pid_t pid = (pid_t)syscall(SYS_getpid);
    if (pid != out_pid || out_fd < 0) {
        if (out_fd >= 0)
            close(out_fd);
        char digits[24], *d = digits + sizeof digits;
        *--d = 0;
        for (unsigned long v = (unsigned long)pid; v || !d[0]; v /= 10)
            *--d = (char)('0' + v % 10);
        size_t at = 0;
        add(&at, dir);
        add(&at, "/");
        add(&at, d);
        add(&at, ".snap");
        buf[at] = 0;
        out_fd = open(buf, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
        out_pid = pid;
        if (out_fd < 0)
            return;
    }
    int in = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return;
    /* One write per snapshot where the maps fit the buffer, so the file holds whole
     * snapshots even if the process is killed mid-way. */
    size_t used = 0;
    add(&used, "#snap ");
    add(&used, why);
    add(&used, "\n");
    for (;;) {
        ssize_t k = read(in, buf + used, sizeof buf - used);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        used += (size_t)k;
        if (used == sizeof buf) {
            put(out_fd, buf, used);
            used = 0;
        }
    }
    put(out_fd, buf, used);
    close(in);
}

static void snap(const char *why)
{
    /* A signal handler that maps memory while this thread snapshots: skip, not deadlock. */
    if (!dir[0] || in_snap)
        return;
    int saved = errno;
    in_snap = 1;
    lock_take();
    snap_locked(why);
    lock_give();
    in_snap = 0;
    errno = saved;
}

static void before_fork(void)
{
    in_snap = 1;
    lock_take();
}

static void after_fork_parent(void)
{
    lock_give();
    in_snap = 0;
}

static void after_fork_child(void)
{
    lock_give();
    in_snap = 0;
    snap("fork");
}

__attribute__((constructor)) static void mapsnap_start(void)
{
    /* Only a process valgrind runs: valgrind's own launcher (the pid's first program)
     * loads this library too, and a static program never does, so its pid must not
     * be left with the launcher's map. */
    const char *d = getenv("VMMU_MAPS_DIR");
    if (!d || !*d || strlen(d) >= sizeof dir - 32 || !RUNNING_ON_VALGRIND)
        return;
    strcpy(dir, d);
    pthread_atfork(before_fork, after_fork_parent, after_fork_child);
    snap("start");
}

__attribute__((destructor)) static void mapsnap_exit(void) { snap("exit"); }

/* The wrappers make the system calls themselves rather than look up libc's (dlsym may
 * allocate, and an allocator may be what calls mmap). */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    void *p = (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
    snap("mmap");
    return p;
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
    __attribute__((alias("mmap")));

int munmap(void *addr, size_t len)
{
    snap("munmap");
    return (int)syscall(SYS_munmap, addr, len);
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    void *new_addr = NULL;
    if (flags & MREMAP_FIXED) {
        va_list ap;
        va_start(ap, flags);
        new_addr = va_arg(ap, void *);
        va_end(ap);
    }
    snap("mremap");
    void *p = (void *)syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
    snap("mremap");
    return p;
}

int mprotect(void *addr, size_t len, int prot)
{
    snap("mprotect");
    int r = (int)syscall(SYS_mprotect, addr, len, prot);
    snap("mprotect");
    return r;
}

/* brk and sbrk keep libc's idea of the break (__curbrk), so these call libc's, looked
 * up on first use (few programs call them; dlsym's work would be in every trace).  The
 * lookup is racy only if two threads make their first brk call at once, and then both
 * store the same pointer. */
static _Atomic(int (*)(void *)) real_brk;
static _Atomic(void *(*)(intptr_t)) real_sbrk;

int brk(void *end)
{
    int (*real)(void *) = atomic_load(&real_brk);
    if (!real) {
        real = (int (*)(void *))dlsym(RTLD_NEXT, "brk");
        atomic_store(&real_brk, real);
    }
    snap("brk");
    int r = real ? real(end) : (errno = ENOSYS, -1);
    snap("brk");
    return r;
}

void *sbrk(intptr_t inc)
{
    void *(*real)(intptr_t) = atomic_load(&real_sbrk);
    if (!real) {
        real = (void *(*)(intptr_t))dlsym(RTLD_NEXT, "sbrk");
        atomic_store(&real_sbrk, real);
    }
    snap("sbrk");
    void *r = real ? real(inc) : (errno = ENOSYS, (void *)-1);
    snap("sbrk");
    return r;
}

/* _exit skips the destructor; what the process mapped since its last snapshot would
 * be lost. */
void _exit(int status)
{
    snap("exit");
    for (;;)
        syscall(SYS_exit_group, status);
}

void _Exit(int status) __attribute__((alias("_exit")));
