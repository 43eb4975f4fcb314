-- Run once by the postgres image on an empty data volume (docker/compose.yaml mounts it into
-- /docker-entrypoint-initdb.d). One database per app, each owned by its own login role, as in production: an app can
-- neither read the other's tables nor rely on superuser rights. Compose-only passwords.
CREATE ROLE booking_api LOGIN PASSWORD 'booking_api';
CREATE DATABASE booking_api OWNER booking_api;

CREATE ROLE workers LOGIN PASSWORD 'workers';
CREATE DATABASE workers OWNER workers;
