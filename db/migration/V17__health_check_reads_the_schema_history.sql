-- The health check compares the schema with the migrations its jar ships (Flyway's info, which only
-- reads) and may run as a monitoring login that holds only the reader role: that role reads the
-- schema history too. The history lives outside the archive's schemas (Flyway's default schema).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader_role}') THEN
        EXECUTE format('GRANT SELECT ON %I.%I TO %I', '${flyway:defaultSchema}', '${flyway:table}', '${reader_role}');
    END IF;
END $$;
