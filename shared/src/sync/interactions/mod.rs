//! Interactions as Genesys conversations: conversion and use case (placeholder).
