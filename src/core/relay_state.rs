//! The RelayState: where the identity provider sends the agent after AWS accepts the SAML
//! response, which must be the Connect federation endpoint of the right instance.

use super::instance::Instance;

/// What the configuration says the RelayState must lead to; each part is optional.
#[derive(Clone, Copy, Debug, Default)]
pub struct Expected<'a> {
    pub instance: Option<&'a Instance>,
    pub region: Option<&'a str>,
    pub instance_id: Option<&'a str>,
}
