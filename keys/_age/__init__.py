"""The private age layer ("hazmat"): pyrage wrappers, bech32, the streaming engines.

Nothing outside ``keys`` imports this package; callers use the safe functions of
:mod:`keys.sealing`, as pyca/cryptography keeps its recipes over ``hazmat``. Tests of the layer
itself (CCTV vectors, BIP-173 vectors, the engines) may import it.
"""
