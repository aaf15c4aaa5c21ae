//! Agora's domain: the vocabulary and rules of the programs, free of I/O.
//!
//! Every rule lives here once; the store persists what these types allow and the web layer (HTML and
//! JSON alike) calls these functions instead of re-implementing them.

pub mod activity;
pub mod audit;
pub mod benefits;
pub mod courses;
pub mod csv_file;
pub mod events;
pub mod geo;
pub mod governance;
pub mod groups;
pub mod leads;
pub mod notifications;
pub mod obligations;
pub mod pagination;
pub mod partner;
pub mod partnerships;
pub mod permissions;
pub mod person;
pub mod recognition;
pub mod tally;
pub mod tasks;
pub mod taxonomy;
pub mod text;
pub mod validation;

pub use validation::{FieldError, ValidationErrors};
