// Wired in issue #3 (lint CLI).
