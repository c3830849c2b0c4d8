-- The examples resource's table (tests only: applied with classpath:db/example beside db/migration).
CREATE SCHEMA example;
CREATE TABLE example.item (
    id                text        PRIMARY KEY,
    value             text        NOT NULL CHECK (value <> 'refused'),
    first_archived_at timestamptz NOT NULL,
    last_archived_at  timestamptz NOT NULL
);
COMMENT ON SCHEMA example IS 'The examples resource of the tests';
COMMENT ON TABLE example.item IS 'One row per example item: its value as last archived';
COMMENT ON COLUMN example.item.id IS 'The item''s identity';
COMMENT ON COLUMN example.item.value IS 'Its value, trimmed; the database refuses the value refused, to show a row quarantined by the database';
COMMENT ON COLUMN example.item.first_archived_at IS 'First run that archived it';
COMMENT ON COLUMN example.item.last_archived_at IS 'Last run that changed it';
