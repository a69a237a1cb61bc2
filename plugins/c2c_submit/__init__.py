"""Pelican plugin: /submit/, how to take part, with the forms that build a commitment
file and a service file in the browser (theme/static/js/submit.js).

A thin writer: the choices and addresses come from the views stage
(`c2c_views.submit`), the schemas the forms check against are the ones `c2c_data`
publishes under /data/schemas/, and nothing is sent to a server.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from c2c_registry import start_build
from c2c_registry.pipeline import WRITE, build_state
from c2c_views.writing import page_writer

STAGE = WRITE


class SubmitPagesGenerator(Generator):
    def generate_output(self, writer) -> None:
        urls = build_state(self.settings).views.urls
        page = page_writer(self, writer, nav=urls.submit())
        page(urls.submit(), "submit", page_title="Take part")
        page(urls.submit_service(), "submit_service", page_title="List a service")


def get_generators(pelican):
    return SubmitPagesGenerator


def register() -> None:
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
