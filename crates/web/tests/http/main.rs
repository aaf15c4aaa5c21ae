//! HTTP tests against the real application on a random port, on SQLite and PostgreSQL.

mod api;
mod benefits;
mod contributions;
mod events;
mod flows;
mod governance;
mod groups;
mod helpers;
mod hours;
mod initiatives;
mod jobs;
mod languages;
mod lead_desk;
mod leads;
mod load;
mod meetings;
mod notifications;
mod nul;
mod obligations;
mod okrs;
mod pages;
mod partnerships;
mod permissions;
mod security;
mod tasks;
mod updates;
