//! PLACEHOLDER: a URL parser following the WHATWG URL Standard.
