"""Commands for working on the site (invoke, as pelican-quickstart sets it up)."""

import os
import shlex
import sys

from invoke import task

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))
from pelican import main as pelican_main
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS = {}
SETTINGS.update(DEFAULT_CONFIG)
SETTINGS.update(get_settings_from_file(SETTINGS_FILE_BASE))

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    "host": "127.0.0.1",
    "port": 8000,
}


def pelican_run(cmd):
    pelican_main(shlex.split(cmd))


@task
def clean(c):
    """Remove the generated site."""
    if os.path.isdir(CONFIG["deploy_path"]):
        c.run(f"rm -rf {shlex.quote(CONFIG['deploy_path'])}")


@task
def build(c):
    """Build the site into output/ with the development settings."""
    pelican_run("-s {settings_base}".format(**CONFIG))


@task
def preview(c):
    """Build the site with the publishing settings."""
    pelican_run("-s {settings_publish}".format(**CONFIG))


@task
def livereload(c):
    """Build, serve at http://127.0.0.1:8000 and rebuild and reload on every save."""
    from livereload import Server

    from eventsite.problems import ContentErrors

    def rebuild():
        try:
            pelican_run("-s {settings_base}".format(**CONFIG))
        except ContentErrors:
            # The errors are printed; keep serving the last good site until they are fixed.
            print("The site was not rebuilt. Fix the errors above and save again.")

    rebuild()
    server = Server()
    theme_path = SETTINGS["THEME"]
    watched = [
        CONFIG["settings_base"],
        f"{SETTINGS['PATH']}/**/*",
        f"{theme_path}/templates/**/*.html",
        f"{theme_path}/static/**/*",
        "plugins/**/*.py",
    ]
    for glob in watched:
        server.watch(glob, rebuild)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])
