// The contract every Recommender keeps. Add a model with one line in `factories`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factories } from './modelFactories.ts';
import { allUsers, tinyLog } from './tinyLog.ts';
