//! The pages besides the request editors: troubleshooter, settings, history.

mod history;
mod settings_page;
mod troubleshoot;

pub use history::History;
pub use settings_page::SettingsPage;
pub use troubleshoot::Troubleshoot;
