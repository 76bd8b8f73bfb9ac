//! What is wrong with an input document: one [`Problem`] per finding, gathered into an [`InputError`].
//!
//! Validation never stops at the first finding: a snapshot with a hundred bad rows yields a hundred
//! problems, each naming the object (`users[agent-1001]`) and the field (`skills[0].proficiency`), so
//! whoever fixes the source fixes everything in one round. Bad input is never worth retrying.

use std::fmt;

/// One finding in an input document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// The object the finding is about, e.g. `users[agent-1001]`, or the document itself (`config`,
    /// `mapping`, `event[evt-8c1f]`).
    pub object: String,
    /// The field inside that object, as a path (`skills[0].proficiency`); empty for the object as a
    /// whole.
    pub field: String,
    /// What is wrong, in lowercase without a trailing period.
    pub message: String,
}

impl Problem {
    /// A finding about `field` of `object`.
    pub fn new(
        object: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            object: object.into(),
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.object, self.message)
        } else {
            write!(f, "{}: {}: {}", self.object, self.field, self.message)
        }
    }
}

/// An input document that cannot be used, with every problem found in it.
///
/// Never retryable: the same bytes fail the same way, so a handler dead-letters the input with
/// this error's text instead of retrying it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", ProblemList(.problems))]
pub struct InputError {
    problems: Vec<Problem>,
}

impl InputError {
    /// An error holding `problems`; an empty list still makes an error (with a generic problem) so
    /// an `InputError` always explains itself.
    pub fn new(problems: Vec<Problem>) -> Self {
        if problems.is_empty() {
            return Self::single(Problem::new("input", "", "rejected without a reason"));
        }
        Self { problems }
    }

    /// An error holding one problem.
    pub fn single(problem: Problem) -> Self {
        Self {
            problems: vec![problem],
        }
    }

    /// `Ok(())` when `problems` is empty, else the error holding them.
    ///
    /// # Errors
    ///
    /// [`InputError`] when there is at least one problem.
    pub fn check(problems: Vec<Problem>) -> Result<(), Self> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Self::new(problems))
        }
    }

    /// Every problem, in the order they were found.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems, by value.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Always false: bad input stays bad however often it is retried.
    pub fn is_retryable(&self) -> bool {
        false
    }
}

/// Formats a problem list as `invalid input (N problems): a; b; c`.
struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(f, "invalid input ({count} {noun}): ")?;
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_lists_every_problem_with_object_and_field() {
        let error = InputError::new(vec![
            Problem::new("users[agent-1]", "email", "not an email address"),
            Problem::new("config", "", "empty document"),
        ]);
        assert_eq!(
            error.to_string(),
            "invalid input (2 problems): users[agent-1]: email: not an email address; config: empty document"
        );
    }

    #[test]
    fn input_errors_are_never_retryable() {
        let error = InputError::single(Problem::new("config", "schema", "missing"));
        assert!(!error.is_retryable());
    }

    #[test]
    fn an_empty_problem_list_still_explains_itself() {
        let error = InputError::new(Vec::new());
        assert_eq!(error.problems().len(), 1);
        assert!(InputError::check(Vec::new()).is_ok());
    }
}
