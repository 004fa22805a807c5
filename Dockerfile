# Embeddings Explorer: one container serving the Streamlit app on port 8501.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    EXPLORER_DATA_DIR=/app/var

WORKDIR /app

COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt

COPY app.py ./
COPY serve.py ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY components components
COPY explorer explorer
COPY pages pages

# A fixed numeric user, so Kubernetes can check runAsNonRoot without a name lookup.
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin explorer \
    && mkdir -p /app/var \
    && chown 10001:10001 /app/var
USER 10001

EXPOSE 8501

# The image has no curl; Python asks the health endpoint itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

CMD ["python", "serve.py", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
