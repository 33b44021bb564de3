"""Client side of sync: wire types (protocol), the HTTP client (client) and the engine that runs a sync."""
