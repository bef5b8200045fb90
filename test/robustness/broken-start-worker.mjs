// A worker thread that cannot load its pipeline (a broken install, say): its module throws as it loads.
throw new Error('this worker thread cannot load its pipeline');
