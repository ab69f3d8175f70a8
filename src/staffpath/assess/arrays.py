"""The array types the assessment computes on: one row a person (or an item), one column a
dimension or a level."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["F32", "F64", "I8", "I16", "I32", "I64", "U16", "B"]

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
I8 = npt.NDArray[np.int8]
F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
U16 = npt.NDArray[np.uint16]
I16 = npt.NDArray[np.int16]
B = npt.NDArray[np.bool_]
