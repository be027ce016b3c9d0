//! Integration tests: one binary, one module per area (as ripgrep does).

mod util;

mod bilingual;
mod browser;
mod cli;
mod conventions;
mod corpus_input;
mod corpus_truths;
mod counting;
mod damage;
mod exact;
mod fuzz;
mod library;
mod limits;
mod near_matches;
mod properties;
mod rebuild;
mod revise;
mod serve_api;
