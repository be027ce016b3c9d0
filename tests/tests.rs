//! Integration tests: one binary, one module per area (as ripgrep does).

mod util;

mod bilingual;
mod cli;
mod corpus_input;
mod counting;
mod damage;
mod exact;
mod library;
mod properties;
mod rebuild;
