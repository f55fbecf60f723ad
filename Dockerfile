# The production-like image: gunicorn serving Django, static files by whitenoise.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock
COPY . .
RUN SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only DEBUG=0 \
    REDIS_URL=redis://build-only:6379/0 ALLOWED_HOSTS=build python manage.py collectstatic --no-input
RUN useradd --create-home app
USER app
EXPOSE 8000
CMD ["gunicorn", "rcc.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
