# The reference for bench/segment.mjs: scikit-learn's KMeans (Debian's
# python3-sklearn) on the matrix our k-means ran on, with the same k and
# number of restarts, k-means++ and Lloyd, its default tolerance. Prints one
# JSON line. Never a dependency of the app.
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

matrix, d, k, restarts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(matrix, dtype='<f8').reshape(-1, d)
started = time.perf_counter()
model = KMeans(n_clusters=k, n_init=restarts, init='k-means++', algorithm='lloyd', random_state=0).fit(x)
seconds = time.perf_counter() - started
print(json.dumps({'n': x.shape[0], 'seconds': seconds, 'inertia': float(model.inertia_), 'iterations': int(model.n_iter_)}))
