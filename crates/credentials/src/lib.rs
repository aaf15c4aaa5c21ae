//! Open Badges 3.0 credentials (issue 12).
