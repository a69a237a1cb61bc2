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
from c2c_views.writing import write_page

STAGE = WRITE


class SubmitPagesGenerator(Generator):
    def generate_output(self, writer) -> None:
        urls = build_state(self.settings).views.urls
        for url, template, title in ((urls.submit(), "submit", "Take part"),
                                     (urls.submit_service(), "submit_service", "List a service")):
            write_page(writer, self.context, url, self.get_template(template), page_title=title, nav=urls.submit())


def get_generators(pelican):
    return SubmitPagesGenerator


def register() -> None:
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
