"""The vault: SQLCipher connection, key slots, migrations, repositories, backups, audit chain.

The only package that imports sqlcipher3.
"""
