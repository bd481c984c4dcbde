//! Drive a program in tmux as a person at a terminal would.

use std::process::Command;

/// A program in a real terminal: a tmux session of its own, ended on drop.
pub struct Tmux(String);

impl Tmux {
    pub fn start(name: &str, cmd: &str) -> Self {
        let ok = Command::new("tmux")
            .args(["new-session", "-d", "-s", name, "-x", "100", "-y", "30", cmd])
            .status();
        assert!(ok.is_ok_and(|s| s.success()), "tmux is needed for this test (apt-get install tmux)");
        Self(name.to_string())
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.0]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn wait(&self, text: &str) {
        for _ in 0..100 {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("{text:?} never appeared:\n{}", self.screen());
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            Command::new("tmux").args(["send-keys", "-t", &self.0, key]).status().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(150));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .stderr(std::process::Stdio::null())
            .status();
    }
}
