//! The reader: keys → [`Action`] → [`update`](fn@update) → [`Effect`]s, which
//! [`perform`](fn@perform) carries out → [`draw`].
//!
//! The terminal is put back (raw mode off, alternate screen left, mouse
//! released, cursor shown) on every exit: a normal quit, an error, and a panic
//! (through a panic hook installed before the first frame).
//!
//! `terminal.rs` holds the terminal and converts its events; `shell.rs`
//! runs the loop and the workers. Nothing else here sees crossterm: the
//! tests drive the rest the same way, without a terminal.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod draw;
pub mod effect;
pub mod geometry;
mod history;
pub mod input;
pub mod jumps;
pub mod keys;
pub mod legend;
pub mod marks;
mod navigate;
mod original;
pub mod overlay;
mod overlays;
pub mod panel;
pub mod pending_text;
pub mod perform;
mod pipe;
pub mod probe;
pub mod role_choice;
mod shell;
pub mod source;
mod source_fix;
mod terminal;
pub mod text;
pub mod theme;
pub mod undo;
pub mod update;

pub use action::{Action, BuiltIndex, Written};
pub use app::{App, AsParsed, Settings};
pub use effect::{Effect, FILTER_LIMIT, FilterAsk, Persist, SEARCH_LIMIT, SearchAsk, Write};
pub use input::InputKey;
pub use keys::{Context, Keymap};
pub use pending_text::{CheckedSkeleton, IssueText, LoadedText};
pub use perform::{Workers, perform, restore_marks};
pub use shell::{Early, KeepIndex, ReadIssue, SearchAlone, Startup, Whole, run};
pub use terminal::{action_for, key_of, restore_terminal, set_mouse};
pub use update::update;
