-- Read-only access for analysts and BI: role ${reader_role} (NOLOGIN; grant it to login roles).
-- Where the migrating user may not create roles, a DBA runs db/roles/create-reader-role.sql first;
-- the grants below are applied whenever the role exists.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        IF (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', '${reader_role}');
        ELSE
            RAISE WARNING 'Role % does not exist and % may not create roles: run db/roles/create-reader-role.sql as a DBA, then restart the job to apply the grants',
                '${reader_role}', current_user;
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA reporting, livestation TO %I', '${reader_role}');
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA reporting, livestation TO %I', '${reader_role}');
        EXECUTE format('GRANT EXECUTE ON FUNCTION reporting.sessions(text, text) TO %I', '${reader_role}');
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA reporting, livestation GRANT SELECT ON TABLES TO %I', '${reader_role}');
    END IF;
END $$;
