// Integration tests wait on real containers and processes; they poll for what a user
// would see (see libs/testing waitFor) and never assert a duration.
jest.setTimeout(180_000);
