//! A progress bar on stderr for long index builds (only on a terminal).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;
use yuanwen::index::Progress;

/// Draws files and megabytes read, rate and ETA.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar that stays hidden until there is something worth showing.
    pub fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            // `wide_bar` takes what the terminal leaves: the line fits it.
            ProgressStyle::with_template(
                "{spinner} indexing {msg} [{wide_bar}] {binary_bytes}/{binary_total_bytes} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Bar { bar }
    }
}

impl Progress for Bar {
    fn begin(&self, files: u64, bytes: u64) {
        self.bar.set_length(bytes);
        self.bar.set_message(format!("0/{files} files"));
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }
    fn advance(&self, bytes: u64) {
        self.bar.inc(bytes);
        let len = self.bar.message();
        let total = len.split('/').nth(1).unwrap_or("0 files").to_string();
        let done: u64 = len.split('/').next().and_then(|d| d.parse().ok()).unwrap_or(0) + 1;
        self.bar.set_message(format!("{done}/{total}"));
    }
    fn end(&self) {
        self.bar.finish_and_clear();
    }
}
