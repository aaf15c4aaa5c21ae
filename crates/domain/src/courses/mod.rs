//! Community plans for courses (seed 004, issue 13): a course's business plan and ROI, roles,
//! roadmap and measures of success, and the weekly series those measures are computed from, read
//! from Open edX tracking logs with learners pseudonymised.

pub mod business;
pub mod course_id;
pub mod enrolled_csv;
pub mod facts;
pub mod measures;
pub mod plan;
pub mod series;
pub mod tracking;

pub use course_id::CourseId;
