#ifndef CONFORM_SUPPORT_H
#define CONFORM_SUPPORT_H

/// Small C helpers for what Swift cannot say: a prefetch hint.

/// Asks the CPU to bring the cache line holding `address` in, for writing, without waiting for it
/// (unlike a load, a prefetch never stalls the instructions after it).
static inline void conform_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
