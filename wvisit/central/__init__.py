"""The reference central-record service: FastAPI on uvicorn, SQLAlchemy Core, SQLite or PostgreSQL."""
