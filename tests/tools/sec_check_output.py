#!/usr/bin/python3
"""sec_check_output.py FILE [MARKER...]

Check what a program printed for a terminal: it must be valid UTF-8 and
hold no control character but LF and TAB: no ESC, no C0, no DEL, no C1
(U+0080-U+009F, which terminals treat like ESC [ ...), no raw 0x9b.  Each
MARKER must appear (proof the hostile entries were shown, sanitised,
rather than dropped).  Prints what is wrong; exits 1 if anything is."""
import sys


def main():
    path, markers = sys.argv[1], sys.argv[2:]
    data = open(path, 'rb').read()
    bad = []
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        bad.append('invalid UTF-8 at byte %d: %r' % (e.start, data[max(0, e.start - 20):e.start + 10]))
        text = data.decode('utf-8', 'replace')
    for i, ch in enumerate(text):
        o = ord(ch)
        if (o < 0x20 and ch not in '\n\t') or o == 0x7f or 0x80 <= o <= 0x9f:
            bad.append('control character U+%04X at %d in %r' % (o, i, text[max(0, i - 30):i + 10]))
            if len(bad) > 10:
                break
    for m in markers:
        if m not in text:
            bad.append('marker %r not printed' % m)
    for b in bad:
        print('FAIL %s: %s' % (path, b))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
