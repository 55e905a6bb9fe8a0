//! CPU time of the running process, for the bench examples.

use std::time::Duration;

/// CPU time of this process so far (user + system, from `/proc/self/stat`, in clock ticks of
/// 10 ms): on a machine shared with other builds, wall times swing with the load; CPU time
/// much less.
pub fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // Fields 14 and 15 of the file (utime, stime) are the 12th and 13th after the name.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}
