//! The browser skin: Streams bindings, the component's DOM, and the exported `Softphone`.
//! It translates between the browser and the pure core, and decides nothing itself.

pub mod convert;
pub mod softphone;
pub mod streams;
pub mod view;
