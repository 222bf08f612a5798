//! PLACEHOLDER: the sign-in state machine.
