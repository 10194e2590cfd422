import { Logger } from '@nestjs/common';

// Unit tests assert behaviour, not log lines: keep their output readable.
Logger.overrideLogger(false);
