//! A counting global allocator for the profiling examples (`open_profile`, `profile_build`):
//! live heap bytes and their high-water mark, what the corpus holds and what wasm memory,
//! which never shrinks, would keep. Included with `#[path = "support/counting.rs"] mod counting;`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Live heap bytes.
pub static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The most live heap since the last reset (store `LIVE`'s value in it to reset).
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Counts every allocation into [`LIVE`] and [`PEAK`], then asks the system allocator.
pub struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size <= layout.size() {
            // Shrinking: the allocators keep the block where it is (dlmalloc, wasm's, splits
            // it; glibc's too), so nothing is held twice.
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // Growing: both blocks live at once while the bytes are copied.
        let live = LIVE.fetch_add(new_size, Relaxed) + new_size;
        PEAK.fetch_max(live, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;
