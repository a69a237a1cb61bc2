"""Settings for the public site: pelicanconf.py plus the site's own address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("C2C_SITEURL", "https://c2c.example.org")
