"""Chapter start times: parsing "17:25" / "1:01:58" and writing seconds back."""

import re

from .errors import SiteError

# m:ss or mm:ss below an hour; h:mm:ss from an hour on (how the podcast archive writes them).
_TIMECODE = re.compile(r"^(?:(?P<h>\d+):(?P<m2>[0-5]\d)|(?P<m>\d{1,2})):(?P<s>[0-5]\d)$")


class TimecodeError(SiteError, ValueError):
    pass


def parse_timecode(text: str) -> int:
    """Return the number of seconds a time code such as '17:25' stands for."""
    if not isinstance(text, str):
        raise TimecodeError(f"expected a quoted time such as '17:25', got {text!r}")
    match = _TIMECODE.match(text.strip())
    if not match:
        raise TimecodeError(
            f"'{text}' is not a time; write m:ss or h:mm:ss, e.g. '17:25' or '1:01:58'"
        )
    if match["h"] is not None:
        hours, minutes = int(match["h"]), int(match["m2"])
    else:
        hours, minutes = 0, int(match["m"])
        if minutes >= 60:
            raise TimecodeError(
                f"'{text}' has {minutes} minutes; past an hour write h:mm:ss: "
                f"'{format_timecode(minutes * 60 + int(match['s']))}'"
            )
    return hours * 3600 + minutes * 60 + int(match["s"])


def format_timecode(seconds: int) -> str:
    """Write seconds the way the archive does: '0:00', '17:25', '1:01:58'."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
