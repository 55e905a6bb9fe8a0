//! Analysis: turning counts from the corpus into the numbers corpus linguists read.
//!
//! This is the last step of the pipeline before the binding. Modules here count things in the
//! indexed corpus (keywords, collocates, dispersion across documents) and score those counts
//! with the formulas in [`stats`], which is plain arithmetic on numbers and knows nothing about
//! text.

pub mod stats;
