//! The allocator of the binaries: mimalloc, told to keep the memory it frees.
//!
//! Loading a large dataset allocates and frees millions of small strings, where the system
//! allocator spends a quarter of the time; mimalloc does not. By default mimalloc (v3) also
//! returns freed memory to the system a second after it is freed, and each time it is used
//! again the kernel has to fault it in and zero it anew (two megabytes at a time with
//! transparent huge pages). For a run that lasts a few seconds and then exits, that only costs
//! time: exporting 100,000 recommendations faulted in up to six times its peak memory, with up
//! to a second of system time, and it was most of the variation between runs.
//! [`keep_freed_memory`] turns it off; the peak memory of a run is unchanged.
//!
//! With its test, this is the only `unsafe` code of the workspace (`unsafe_code` is denied
//! everywhere else).

pub use mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`, v3), which `libmimalloc-sys` does not
/// name: milliseconds before freed memory is returned to the system, `-1` for never.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to return freed memory to the system before the process exits. Call
/// it first thing in `main`.
#[allow(unsafe_code)]
pub fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores a number in mimalloc's table of options (an atomic
    // store); any option index below `_mi_option_last` and any value are valid.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    #[allow(unsafe_code)]
    fn purge_delay() -> std::ffi::c_long {
        // SAFETY: reading an option is an atomic load of mimalloc's table.
        unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) }
    }

    #[test]
    fn the_option_is_the_purge_delay() {
        // the default purge delay of mimalloc v3 is 1000 ms (`options.c`): this index is
        // that option
        assert_eq!(purge_delay(), 1000);
        super::keep_freed_memory();
        assert_eq!(purge_delay(), -1);
    }
}
