// Wired in issue #3 (language server).
