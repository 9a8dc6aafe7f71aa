//! A message of the version check: words, and ids and values that are code. Kept as parts so
//! that each output shows code its own way: in backticks for a terminal and in JSON
//! (`removed recommendation `a17-panel-1-r12``), as a code span in Markdown, whatever the id
//! holds.

use std::fmt;

use serde::{Serialize, Serializer};

/// One part of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Words.
    Text(String),
    /// An id, a field name or a value from the data, shown as code.
    Code(String),
}

/// Words and code, in order; shown (and serialized) as text with the code in backticks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message(Vec<Part>);

impl Message {
    /// A message of `words`.
    pub fn new(words: impl Into<String>) -> Message {
        Message(vec![Part::Text(words.into())])
    }

    /// Appends words.
    #[must_use]
    pub fn text(mut self, words: impl Into<String>) -> Message {
        self.0.push(Part::Text(words.into()));
        self
    }

    /// Appends code (an id, a field name, a value).
    #[must_use]
    pub fn code(mut self, code: impl Into<String>) -> Message {
        self.0.push(Part::Code(code.into()));
        self
    }

    /// Appends another message.
    #[must_use]
    pub fn then(mut self, other: Message) -> Message {
        self.0.extend(other.0);
        self
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        &self.0
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.0 {
            match part {
                Part::Text(t) => f.write_str(t)?,
                Part::Code(c) => write!(f, "`{c}`")?,
            }
        }
        Ok(())
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_in_backticks_as_text_and_in_json() {
        let m = Message::new("removed recommendation ")
            .code("a17-panel-1-r12")
            .text("; and more");
        assert_eq!(
            m.to_string(),
            "removed recommendation `a17-panel-1-r12`; and more"
        );
        assert_eq!(
            serde_json::to_string(&m).ok().as_deref(),
            Some("\"removed recommendation `a17-panel-1-r12`; and more\"")
        );
    }
}
