//! Signals that end kanbao while it holds the terminal.
//!
//! The reader takes the terminal (raw mode, the alternate screen, mouse
//! capture) before its archive has loaded; a TERM or a hang-up in those
//! seconds used to kill it with the terminal still raw. [`restore_on_signal`]
//! is armed before the first byte is written to the terminal: on HUP, TERM,
//! INT or QUIT it restores the terminal and exits with 128 + the signal, as
//! the default action's status says. Once the reader has its own handler
//! (which saves the place first), this one is disarmed.

#[cfg(unix)]
use std::sync::Arc;
#[cfg(unix)]
use std::sync::atomic::{AtomicBool, Ordering};

/// An armed handler; [`EarlyExit::disarm`] hands the signals over.
pub struct EarlyExit {
    #[cfg(unix)]
    disarmed: Arc<AtomicBool>,
    #[cfg(unix)]
    handle: Option<signal_hook::iterator::Handle>,
}

/// Arms the handler: from now until [`EarlyExit::disarm`], HUP, TERM, INT
/// and QUIT run `restore` and end the process with 128 + the signal.
pub fn restore_on_signal(restore: fn()) -> EarlyExit {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let disarmed = Arc::new(AtomicBool::new(false));
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])
        else {
            return EarlyExit {
                disarmed,
                handle: None,
            };
        };
        let handle = signals.handle();
        let flag = disarmed.clone();
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next()
                && !flag.load(Ordering::SeqCst)
            {
                restore();
                std::process::exit(128 + signal);
            }
        });
        EarlyExit {
            disarmed,
            handle: Some(handle),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = restore;
        EarlyExit {}
    }
}

impl EarlyExit {
    /// Stops handling the signals: call once another handler is in place.
    pub fn disarm(self) {}
}

impl Drop for EarlyExit {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            self.disarmed.store(true, Ordering::SeqCst);
            if let Some(h) = &self.handle {
                h.close();
            }
        }
    }
}
