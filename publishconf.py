"""Settings for publishing: absolute URLs, a clean output folder."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))  # from any working folder
from pelicanconf import *  # noqa: E402,F403

# An empty SITEURL (e.g. a CI variable that was never set) counts as unset.
SITEURL = (os.environ.get("SITEURL") or "https://events.ifex.org").rstrip("/")
RELATIVE_URLS = False
SHOW_DRAFTS = False  # drafts are never published, whatever the environment says
DELETE_OUTPUT_DIRECTORY = True  # done by the plugin, only after the content passed its checks

# How `invoke publish` deploys (docs/deploying.md): rsync, github-pages or none.
DEPLOY_METHOD = os.environ.get("DEPLOY_METHOD", "none")
DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "")  # for rsync: user@host:/var/www/site/ or a folder
