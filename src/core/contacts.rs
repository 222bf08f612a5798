//! Contact events for the host, from the events Streams fires.
//!
//! Streams fires `contact::incoming` for queued callbacks and `contact::connecting` for a
//! softphone call that rings, and may fire both for one contact. A host wants one thing: "a
//! call is ringing". This tracker maps Streams' names to the component's and says each of the
//! once-per-contact events once.

/// A contact event as the host receives it (`contact` event, field `event`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactEvent {
    Incoming,
    Accepted,
    Connected,
    Missed,
    Ended,
    AfterContactWork,
    Cleared,
}

impl ContactEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactEvent::Incoming => "incoming",
            ContactEvent::Accepted => "accepted",
            ContactEvent::Connected => "connected",
            ContactEvent::Missed => "missed",
            ContactEvent::Ended => "ended",
            ContactEvent::AfterContactWork => "after-contact-work",
            ContactEvent::Cleared => "cleared",
        }
    }
}

/// The words an agent reads for an agent state. Streams reports system states by their
/// internal names (`PendingBusy`, `AfterCallWork`); the states an admin created (Available,
/// Lunch, …) are shown as they are named.
pub fn agent_state_label(name: &str) -> &str {
    match name {
        "PendingBusy" => "Incoming contact",
        "Busy" => "On a contact",
        "AfterCallWork" => "After-contact work",
        "CallingCustomer" => "Calling the customer",
        "MissedCallAgent" => "Missed a contact",
        "FailedConnectAgent" | "FailedConnectCustomer" => "Contact failed to connect",
        "LineEngagedAgent" | "LineEngagedCustomer" => "Line busy",
        "AgentHungUp" => "Call ended",
        "RealtimeCommunicationError" | "SoftphoneConnectionFailure" => "Softphone error",
        other => other,
    }
}

/// The Streams event names the component listens to for contacts.
pub const STREAMS_CONTACT_EVENTS: [&str; 8] = [
    "contact::incoming",
    "contact::connecting",
    "contact::accepted",
    "contact::connected",
    "contact::missed",
    "contact::ended",
    "contact::acw",
    "contact::destroyed",
];

/// Remembers, per live contact, which once-only events were said and the last one.
#[derive(Clone, Debug, Default)]
pub struct ContactTracker {
    live: Vec<Live>,
}

#[derive(Clone, Debug)]
struct Live {
    id: String,
    said_incoming: bool,
    said_missed: bool,
    said_ended: bool,
    last: Option<ContactEvent>,
}

impl ContactTracker {
    /// Maps one Streams contact event. `inbound` tells whether the contact came in (a
    /// connecting outbound call is not "incoming"); `state` is the contact's state type now
    /// (`connected`, `missed`, …, or empty when unknown).
    pub fn on_streams_event(
        &mut self,
        streams_event: &str,
        contact_id: &str,
        inbound: bool,
        state: &str,
    ) -> Vec<ContactEvent> {
        let mut said = Vec::new();
        // Streams fires `acw` before `ended` when a call ends, and `ended` before `missed`
        // when a call rings out; a host expects the cause before the end, and the end before
        // after-contact work, so those are said with the first of them.
        if streams_event == "contact::ended" && matches!(state, "missed" | "rejected") {
            said.extend(self.map(contact_id, "contact::missed", inbound));
        }
        if streams_event == "contact::acw" {
            said.extend(self.map(contact_id, "contact::ended", inbound));
        }
        said.extend(self.map(contact_id, streams_event, inbound));
        said
    }

    fn map(
        &mut self,
        contact_id: &str,
        streams_event: &str,
        inbound: bool,
    ) -> Option<ContactEvent> {
        let index = match self.live.iter().position(|c| c.id == contact_id) {
            Some(index) => index,
            None => {
                self.live.push(Live {
                    id: contact_id.to_string(),
                    said_incoming: false,
                    said_missed: false,
                    said_ended: false,
                    last: None,
                });
                self.live.len() - 1
            }
        };
        let event = match streams_event {
            "contact::incoming" | "contact::connecting" => {
                let said = &mut self.live[index].said_incoming;
                if *said || (streams_event == "contact::connecting" && !inbound) {
                    return None;
                }
                *said = true;
                ContactEvent::Incoming
            }
            "contact::accepted" => ContactEvent::Accepted,
            "contact::connected" => ContactEvent::Connected,
            "contact::missed" => {
                let said = &mut self.live[index].said_missed;
                if *said {
                    return None;
                }
                *said = true;
                ContactEvent::Missed
            }
            "contact::ended" => {
                let said = &mut self.live[index].said_ended;
                if *said {
                    return None;
                }
                *said = true;
                ContactEvent::Ended
            }
            "contact::acw" => ContactEvent::AfterContactWork,
            "contact::destroyed" => {
                self.live.remove(index);
                return Some(ContactEvent::Cleared);
            }
            _ => {
                // Not a contact event: forget a contact that this call alone created.
                if self.live[index].last.is_none() {
                    self.live.remove(index);
                }
                return None;
            }
        };
        self.live[index].last = Some(event);
        Some(event)
    }

    /// The live contacts with the last event said of each, oldest first.
    pub fn live(&self) -> Vec<(&str, ContactEvent)> {
        self.live
            .iter()
            .filter_map(|c| c.last.map(|event| (c.id.as_str(), event)))
            .collect()
    }

    /// Forgets every contact (Streams was stopped).
    pub fn clear(&mut self) {
        self.live.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inbound_call_is_incoming_once_then_connected_ended_cleared() {
        let mut t = ContactTracker::default();
        let mut seen = Vec::new();
        // The order Streams fires them in for an inbound softphone call.
        for name in [
            "contact::connecting",
            "contact::incoming",
            "contact::accepted",
            "contact::connected",
            "contact::acw",
            "contact::ended",
            "contact::destroyed",
        ] {
            for e in t.on_streams_event(name, "c-1", true, "") {
                seen.push(e.as_str());
            }
        }
        assert_eq!(
            seen,
            [
                "incoming",
                "accepted",
                "connected",
                "ended",
                "after-contact-work",
                "cleared"
            ]
        );
        assert!(t.live().is_empty());
    }

    #[test]
    fn a_missed_call_ends_without_after_contact_work() {
        let mut t = ContactTracker::default();
        let mut seen = Vec::new();
        // The order Streams fires them in when a call rings out: ended before missed.
        for name in [
            "contact::incoming",
            "contact::ended",
            "contact::missed",
            "contact::destroyed",
        ] {
            seen.extend(t.on_streams_event(name, "m", true, "missed"));
        }
        assert_eq!(
            seen,
            [
                ContactEvent::Incoming,
                ContactEvent::Missed,
                ContactEvent::Ended,
                ContactEvent::Cleared
            ]
        );
    }

    #[test]
    fn system_states_read_as_words_and_named_states_as_they_are() {
        assert_eq!(agent_state_label("AfterCallWork"), "After-contact work");
        assert_eq!(agent_state_label("PendingBusy"), "Incoming contact");
        assert_eq!(agent_state_label("Lunch"), "Lunch");
        assert_eq!(agent_state_label("Available"), "Available");
    }

    #[test]
    fn an_outbound_call_connecting_is_not_incoming() {
        let mut t = ContactTracker::default();
        assert_eq!(
            t.on_streams_event("contact::connecting", "c-2", false, ""),
            []
        );
        assert_eq!(
            t.on_streams_event("contact::connected", "c-2", false, ""),
            [ContactEvent::Connected]
        );
    }

    #[test]
    fn contacts_are_tracked_apart() {
        let mut t = ContactTracker::default();
        assert_eq!(
            t.on_streams_event("contact::connecting", "a", true, "")
                .len(),
            1
        );
        assert_eq!(
            t.on_streams_event("contact::connecting", "b", true, "")
                .len(),
            1
        );
        assert!(t
            .on_streams_event("contact::connecting", "a", true, "")
            .is_empty());
        assert!(t.on_streams_event("unrelated", "a", true, "").is_empty());
        assert_eq!(
            t.live(),
            [("a", ContactEvent::Incoming), ("b", ContactEvent::Incoming)]
        );
    }
}
