# Odoo 18.0 (official image) with the suite's Python requirements.
# The add-ons themselves are mounted at /mnt/extra-addons by docker-compose.yml.
FROM odoo:18.0 AS runtime
USER root
# Chinese glyphs for the PDF reports (收费通知单, 收据): wkhtmltopdf renders
# with the system's fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/cs/requirements.txt
# --no-deps: Odoo is already in the image and must not be reinstalled from PyPI;
# requirements.txt lists every package the add-ons need.
RUN pip3 install --no-cache-dir --break-system-packages --no-deps \
        -r /tmp/cs/requirements.txt
USER odoo

# The image of the `tests` service: the runtime plus the test tools and a
# Chromium for the browser tours (Debian's, from the Debian repository).
FROM runtime AS tests
USER root
COPY requirements-test.txt /tmp/cs/requirements-test.txt
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && pip3 install --no-cache-dir --break-system-packages \
        pytest pyyaml polib websocket-client ruff "pylint-odoo>=9.1,<11"
WORKDIR /mnt/cs

# The image of the production profile (docker-compose.yml, profile "prod"):
# the runtime plus OCA's session_db, so that the sessions live in PostgreSQL
# and any Odoo server behind the proxy serves any request.
FROM runtime AS production
USER root
RUN pip3 install --no-cache-dir --break-system-packages --no-deps \
        "odoo-addon-session-db==18.0.1.0.2"
USER odoo
