//! `planbot check`: what the reader understood of a document, and the figures it did not.
